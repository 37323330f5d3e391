package cn.canbao.region;

/** What it takes to add a region or grid under a parent (parent null only for the root). */
public record NewRegion(
        String code,
        String name,
        RegionLevel level,
        String parentCode,
        GridKind gridKind,
        Sector sector,
        Integer householdPopulation,
        boolean synthetic) {

    public static NewRegion region(
            String code,
            String name,
            RegionLevel level,
            String parentCode,
            Integer householdPopulation,
            boolean synthetic) {
        return new NewRegion(code, name, level, parentCode, null, null, householdPopulation, synthetic);
    }

    public static NewRegion grid(
            String code,
            String name,
            String villageCode,
            GridKind kind,
            Sector sector,
            Integer householdPopulation,
            boolean synthetic) {
        return new NewRegion(code, name, RegionLevel.GRID, villageCode, kind, sector, householdPopulation, synthetic);
    }
}
