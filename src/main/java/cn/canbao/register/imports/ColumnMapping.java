package cn.canbao.register.imports;

import cn.canbao.register.RegisterException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which header of a file each column of the layout reads, as the clerk set it (issue 17: "lets the clerk fix the
 * mapping with a dropdown per column, and saves it per source"): by the column's key or Chinese name, the header's
 * text, or "" to ignore the column. Columns it does not name are matched automatically.
 */
public record ColumnMapping(Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ColumnMapping {
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public static ColumnMapping none() {
        return new ColumnMapping(Map.of());
    }

    /** The header chosen for the column (by key or Chinese name): its text, "" for "ignore", null when not chosen. */
    public String headerFor(String key, String chinese) {
        String v = headers.get(key);
        return v != null ? v : headers.get(chinese);
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mapping as JSON ({"身份证号": "公民身份号码", "手机号": ""}); refused with a reason when it is not one. */
    public static ColumnMapping fromJson(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            return new ColumnMapping(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new RegisterException(
                    "register.import.badMapping", json.length() > 80 ? json.substring(0, 80) : json);
        }
    }
}
