package dev.threshold.bench.bpmn;

import java.util.concurrent.atomic.LongAdder;
import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * The process's send step: records the message it would hand to a channel, by counting it. Threshold's side of
 * the comparison hands its messages to an in-memory recording channel too, after writing them to its outbox.
 */
public final class SendMessage implements JavaDelegate {
    static final LongAdder EMAILS = new LongAdder();
    static final LongAdder SMS = new LongAdder();

    private Expression channel;

    public void setChannel(Expression channel) {
        this.channel = channel;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String to = (String) execution.getVariable("contact");
        if (to == null) {
            throw new IllegalStateException("process " + execution.getProcessInstanceId() + " has no contact");
        }
        switch (channel.getExpressionText()) {
            case "email" -> EMAILS.increment();
            case "sms" -> SMS.increment();
            default -> throw new IllegalStateException("unknown channel " + channel.getExpressionText());
        }
    }
}
