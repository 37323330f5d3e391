package cn.canbao.region;

/**
 * What another module keeps per region and carries to a successor when a village or grid is merged into another
 * (issue 17, point 10): residents (register), open cases (outreach), open tasks (task), users (security). The region
 * module calls every implementation inside the merge's transaction; none of them is called from outside that door.
 */
public interface RegionSuccession {

    /** What it carries, as the history says it (e.g. "persons"); a message key suffix under region.carried. */
    String what();

    /** How many live records name the region: a region that still has any cannot simply be retired. */
    int occupants(String code);

    /** Moves the records of {@code source} to {@code target}, recording their own history; answers how many moved. */
    int carryOver(String source, String target, String by);
}
