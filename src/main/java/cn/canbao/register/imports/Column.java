package cn.canbao.register.imports;

import cn.canbao.register.person.IdNumber;

/** A column of an extract layout: found by its Chinese header or its key. */
record Column(String key, String chinese, boolean required) {

    static Column required(String key, String chinese) {
        return new Column(key, chinese, true);
    }

    static Column optional(String key, String chinese) {
        return new Column(key, chinese, false);
    }

    /**
     * A value of this column as a reject may show it: ID numbers and phones masked (first 4 and last 4, first 3
     * and last 4 characters, whatever their length), everything else as written. The raw row keeps the value for
     * whoever corrects the file.
     */
    String masked(String value) {
        if (value == null) {
            return null;
        }
        if (key.endsWith("id_number")) {
            return IdNumber.mask(value);
        }
        if (key.endsWith("mobile") && value.length() > 7) {
            return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
        }
        return value;
    }
}
