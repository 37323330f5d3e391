package cn.canbao.sms;

/** Why a message was recorded but never sent. */
public enum SkipReason {
    OPTED_OUT,
    NO_MOBILE;

    public String messageKey() {
        return "sms.skip." + name();
    }
}
