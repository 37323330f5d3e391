package cn.canbao.register.imports;

/** A column of an extract layout: found by its Chinese header or its key. */
record Column(String key, String chinese, boolean required) {

    static Column required(String key, String chinese) {
        return new Column(key, chinese, true);
    }

    static Column optional(String key, String chinese) {
        return new Column(key, chinese, false);
    }
}
