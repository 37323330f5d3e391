package cn.canbao.register.person;

/** Names as texts and lists outside the person file show them: 张三 → 张*, 张三明 → 张*明, 欧阳娜娜 → 欧**娜. */
public final class PersonName {

    private PersonName() {}

    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int[] cps = name.strip().codePoints().toArray();
        if (cps.length == 1) {
            return name.strip();
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return masked.append('*').toString();
        }
        masked.append("*".repeat(cps.length - 2));
        return masked.appendCodePoint(cps[cps.length - 1]).toString();
    }
}
