package cn.canbao.demo.synthetic;

import java.time.LocalDate;

/**
 * One generated resident: who they are and where they live (fixed when drawn), then what the
 * enrollment step decides for them (death, coverage of this and last year, hardship group).
 */
final class SyntheticPerson {

    enum Place {
        LOCAL,
        ELSEWHERE
    }

    enum Scheme {
        EMPLOYEE,
        RESIDENT
    }

    /** A year's insurance: paidOn and amount are null where the extract leaves them blank. */
    record Coverage(Place place, Scheme scheme, String insuredRegion, LocalDate paidOn, String amount) {}

    record Hardship(String category, LocalDate since) {}

    final String id;
    final String name;
    final LocalDate birthDate;
    /** Whole years at {@link SyntheticPeople#AS_OF}. */
    final int age;

    final boolean newborn;
    final CountyMap.Village household;
    /** Null for people living outside the county. */
    final CountyMap.Village residence;

    final String gridCode;
    final String address;
    final String mobile;
    final LocalDate registeredOn;

    /** The mother's ID of a newborn (the police extract's 母亲身份证号). */
    String motherId;
    /** 户号 and 与户主关系 of the police extract. */
    String householdNumber;

    String householdRelation;
    LocalDate diedOn;
    Coverage thisYear;
    Coverage lastYear;
    Hardship hardship;

    SyntheticPerson(
            String id,
            String name,
            LocalDate birthDate,
            int age,
            boolean newborn,
            CountyMap.Village household,
            CountyMap.Village residence,
            String gridCode,
            String address,
            String mobile,
            LocalDate registeredOn) {
        this.id = id;
        this.name = name;
        this.birthDate = birthDate;
        this.age = age;
        this.newborn = newborn;
        this.household = household;
        this.residence = residence;
        this.gridCode = gridCode;
        this.address = address;
        this.mobile = mobile;
        this.registeredOn = registeredOn;
    }

    boolean away() {
        return residence == null;
    }

    boolean separated() {
        return residence != null && residence != household;
    }

    boolean workingAge() {
        return age >= 18 && age < 60;
    }
}
