package cn.canbao.register.directory;

import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.PersonStatus;

/**
 * One person in a search result, as lists may show it: the ID number and mobile masked, never full.
 * {@code ref} opens the person's file ({@link PersonDirectory#openByRef}) without carrying the ID number.
 */
public record PersonRow(
        String ref,
        String maskedIdNumber,
        String name,
        IdNumber.Sex sex,
        int age,
        String maskedMobile,
        String householdRegionName,
        String residenceRegionName,
        PersonStatus status) {}
