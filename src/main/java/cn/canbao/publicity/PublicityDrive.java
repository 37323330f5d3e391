package cn.canbao.publicity;

import java.time.LocalDate;

/** A publicity drive of a county, with its period and process. */
public record PublicityDrive(
        long id,
        String name,
        int year,
        String countyCode,
        LocalDate startsOn,
        LocalDate endsOn,
        String processInstanceId,
        String createdBy) {}
