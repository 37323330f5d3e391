package cn.canbao.region;

/** Community grids cover where people live; industry grids (行业网格) mobilise people by sector. */
public enum GridKind {
    COMMUNITY,
    INDUSTRY
}
