package cn.canbao.publicity;

import java.time.LocalDate;

/** One publicity activity as logged: where, what, when and its counts. */
public record NewActivity(
        String regionCode,
        PublicityKind kind,
        LocalDate heldOn,
        int events,
        int audience,
        int letters,
        int notices,
        int volunteers,
        String note) {}
