package cn.canbao.register;

/**
 * A police household extract (公安户籍) as a test writes one to register its residents: who is registered (在册) where,
 * a line each under {@link ExtractHeaders#POLICE_FULL_WITH_HOUSEHOLD}. A column a line does not name is left empty,
 * which the importer reads as a column the file lacks; tests of the importer itself write their files by hand.
 */
public final class PoliceExtract {

    private final String since;
    private final StringBuilder csv = new StringBuilder(ExtractHeaders.POLICE_FULL_WITH_HOUSEHOLD);

    private PoliceExtract(String since) {
        this.since = since;
    }

    /** Residents registered on that day (变动日期, as the file writes it: 2000-01-01). */
    public static PoliceExtract registeredOn(String since) {
        return new PoliceExtract(since);
    }

    /** Registered in the village (户籍地), where they live is not known. */
    public PoliceExtract inVillage(String id, String name, String village) {
        return line(id, name, village, null, null, null, null, null, null);
    }

    /** Registered in the village (户籍地), living in another (常住地), in no grid. */
    public PoliceExtract inVillage(String id, String name, String village, String residence) {
        return line(id, name, village, residence, null, null, null, null, null);
    }

    /** Registered in the village and living in its grid (a grid code begins with its village's). */
    public PoliceExtract inGrid(String id, String name, String grid) {
        return inGrid(id, name, grid, null, null);
    }

    /** Registered and living in the grid's village, in the grid, with an address and a mobile (each may be null). */
    public PoliceExtract inGrid(String id, String name, String grid, String address, String mobile) {
        return inHousehold(id, name, grid, address, mobile, null, null);
    }

    /** Living in the grid, a member of the household book {@code number} as its {@code relation} (户主, 配偶 …). */
    public PoliceExtract inHousehold(String id, String name, String grid, String number, String relation) {
        return inHousehold(id, name, grid, null, null, number, relation);
    }

    /** {@link #inHousehold(String, String, String, String, String)} with an address and a mobile (each may be null). */
    public PoliceExtract inHousehold(
            String id, String name, String grid, String address, String mobile, String number, String relation) {
        String village = grid.substring(0, 12);
        return line(id, name, village, village, grid, address, mobile, number, relation);
    }

    /** The file: the header and a line for each resident, in the order they were added. */
    public String csv() {
        return csv.toString();
    }

    private PoliceExtract line(
            String id,
            String name,
            String household,
            String residence,
            String grid,
            String address,
            String mobile,
            String number,
            String relation) {
        csv.append(String.join(
                        ",",
                        id,
                        name,
                        "在册",
                        since,
                        household,
                        orEmpty(residence),
                        orEmpty(grid),
                        orEmpty(address),
                        orEmpty(mobile),
                        "",
                        orEmpty(number),
                        orEmpty(relation)))
                .append('\n');
        return this;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
