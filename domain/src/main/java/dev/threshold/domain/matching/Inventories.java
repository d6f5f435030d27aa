package dev.threshold.domain.matching;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.community.Community;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.core.CommunityView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What both matching actions share: finding the inventory and the community, and shaping ranked results. */
final class Inventories {
    private Inventories() {}

    static UnitInventory of(ActionRequest request, String action) {
        return request.context()
                .extension(UnitInventory.class)
                .orElseThrow(() -> new ActionException(action
                        + ": no unit inventory is available; the runtime (or the scenario's data:) must provide"
                        + " property records"));
    }

    /** The {@code community} argument, else the event's community, else the contact's home community. */
    static Community community(Arguments args, UnitInventory inventory) {
        ActionRequest r = args.request();
        Optional<String> id = args.given("community")
                .map(Object::toString)
                .or(() -> r.community().map(CommunityView::id))
                .or(() -> r.contact().community());
        if (id.isEmpty()) {
            throw args.problem("no community: pass 'community', or call it for an event or contact that has one");
        }
        return inventory
                .community(id.get())
                .orElseThrow(() -> args.problem("community '" + id.get() + "' is not in the property records"));
    }

    /** {@code count}, {@code total}, {@code units} (the first {@code limit}) and {@code best} when any. */
    static Map<String, Object> ranked(List<UnitMatch> matches, int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> units = new ArrayList<>();
        matches.stream().limit(limit).forEach(m -> units.add(m.fields()));
        out.put("count", (long) units.size());
        out.put("total", (long) matches.size());
        out.put("units", units);
        if (!units.isEmpty()) {
            out.put("best", units.get(0));
        }
        return out;
    }

    static Map<String, Object> excluded(Map<Exclusion, Integer> excluded) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Exclusion e : Exclusion.values()) {
            out.put(e.key(), (long) excluded.getOrDefault(e, 0));
        }
        return out;
    }
}
