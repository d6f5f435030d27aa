package dev.threshold.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers for a request it refuses before the API sees it (a malformed request line, an ambiguous or
 * invalid path, headers too large): the API's JSON error body instead of an HTML page, and never the exception.
 */
final class JettyErrors {
    private JettyErrors() {}

    /** For the server: requests refused while parsing. */
    static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause) {
            return JettyErrors.respond(response, callback, code);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
            return ByteBuffer.wrap(ErrorBodies.body(ErrorBodies.forStatus(status)));
        }
    }

    /** For the servlet context: requests refused while routing into Javalin. */
    static final class ContextLevel extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause) {
            return JettyErrors.respond(response, callback, code);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
            return ByteBuffer.wrap(ErrorBodies.body(ErrorBodies.forStatus(status)));
        }
    }

    static boolean respond(Response response, Callback callback, int code) {
        ApiError error = ErrorBodies.forStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorBodies.body(error)), callback);
        return true;
    }
}
