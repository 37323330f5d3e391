package cn.canbao.quota.process;

import cn.canbao.quota.TargetException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code targets} variable a target form completes its task with: a JSON object of region code →
 * whole number. JSON (a string variable) keeps it readable in Cockpit and writable from Tasklist or REST.
 */
public final class TargetVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetVariables() {}

    public static String toJson(Map<String, Integer> targets) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(targets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Integer> parse(Object variable) {
        if (!(variable instanceof String json) || json.isBlank()) {
            throw new TargetException("targets.missingVariable");
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new TargetException("targets.badVariable");
        }
    }
}
