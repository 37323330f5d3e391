package cn.canbao.publicity;

import cn.canbao.base.Translatable;

/** The kinds of publicity activity the campaign plans name. */
public enum PublicityKind implements Translatable {
    /** 政策宣讲 */
    TALK,
    /** 进村入户、进社区宣传 */
    COMMUNITY_VISIT,
    /** 学校致家长一封信 */
    SCHOOL_LETTER,
    /** 缴费通知单 */
    PAYMENT_NOTICE,
    /** 节假日集中宣传 */
    HOLIDAY_EVENT,
    OTHER;

    @Override
    public String messageKey() {
        return "publicity.kind." + name();
    }
}
