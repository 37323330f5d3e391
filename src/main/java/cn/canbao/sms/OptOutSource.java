package cn.canbao.sms;

/** How a resident's opt-out reached us: their reply (退订/TD/STOP), a grid worker's visit, a clerk. */
public enum OptOutSource {
    SMS_REPLY,
    GRID_WORKER,
    CLERK;

    public String messageKey() {
        return "sms.optOutSource." + name();
    }
}
