package cn.canbao.fasttrack;

import java.time.LocalDate;
import java.util.List;

/**
 * A fast track as its task form shows it: the person (ID and phone masked), where they live, and for a
 * newborn the mother; for a hardship member the categories of the civil-affairs list.
 */
public record FastTrack(
        long id,
        FastTrackKind kind,
        int year,
        String maskedIdNumber,
        String name,
        LocalDate birthDate,
        String regionName,
        String address,
        String maskedMobile,
        String motherName,
        String maskedMotherIdNumber,
        String maskedMotherMobile,
        List<String> hardshipCategories,
        boolean ended) {}
