package cn.canbao.register.person;

import cn.canbao.base.Translatable;
import java.util.Map;
import java.util.Optional;

/**
 * The hardship categories of the civil-affairs extract (person_group.detail of a HARDSHIP membership). The
 * Heilongjiang mechanism names six that get 分类资助: "对特困人员、孤儿、事实无人抚养儿童、最低生活保障对象、返贫致贫人口、
 * 纳入监测范围的农村易返贫致贫人口等困难群众参保按有关规定给予分类资助" (二(二)). How much each gets is the rule set's
 * (see the policy module); {@link #SEVERE_DISABILITY} is a category some places add, funded only where a rule
 * set says so.
 */
public enum HardshipCategory implements Translatable {
    /** 特困人员 */
    TEKUN,
    /** 孤儿 */
    ORPHAN,
    /** 事实无人抚养儿童 */
    DE_FACTO_ORPHAN,
    /** 最低生活保障对象 (低保) */
    DIBAO,
    /** 返贫致贫人口 */
    RETURNED_TO_POVERTY,
    /** 纳入监测范围的农村易返贫致贫人口 (监测对象) */
    MONITORED,
    /** 重度残疾人 */
    SEVERE_DISABILITY;

    /** The words the extracts use. */
    public static final Map<String, HardshipCategory> CHINESE = Map.ofEntries(
            Map.entry("低保", DIBAO),
            Map.entry("最低生活保障对象", DIBAO),
            Map.entry("特困", TEKUN),
            Map.entry("特困人员", TEKUN),
            Map.entry("孤儿", ORPHAN),
            Map.entry("事实无人抚养儿童", DE_FACTO_ORPHAN),
            Map.entry("返贫致贫", RETURNED_TO_POVERTY),
            Map.entry("返贫致贫人口", RETURNED_TO_POVERTY),
            Map.entry("监测对象", MONITORED),
            Map.entry("防返贫监测", MONITORED),
            Map.entry("返贫监测", MONITORED),
            Map.entry("重度残疾", SEVERE_DISABILITY));

    @Override
    public String messageKey() {
        return "register.hardship." + name();
    }

    /** The category stored in person_group.detail, if it is one. */
    public static Optional<HardshipCategory> parse(String detail) {
        try {
            return detail == null ? Optional.empty() : Optional.of(valueOf(detail.strip()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
