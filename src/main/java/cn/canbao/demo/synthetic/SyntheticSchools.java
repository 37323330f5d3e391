package cn.canbao.demo.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who is on a student roll, at which stage and school: nearly all children of school age, most
 * pre-school children and some young adults; the kindergarten and primary school near home, the
 * township's middle school, the county's senior and vocational schools, universities of the province.
 */
final class SyntheticSchools {

    private static final List<String> SENIOR =
            List.of("永春县第一中学", "永春县第二中学", "永春县第三中学", "永春县第五中学", "永春县第八中学", "永春华侨中学", "永春美岭中学");
    private static final List<String> VOCATIONAL_SCHOOLS = List.of("永春职业中专学校", "泉州华侨职业中专学校");
    private static final List<String> VOCATIONAL_COLLEGES =
            List.of("泉州经贸职业技术学院", "泉州纺织服装职业学院", "福建船政交通职业学院", "泉州职业技术大学", "黎明职业大学");
    private static final List<String> HIGHER =
            List.of("华侨大学", "泉州师范学院", "福建师范大学", "福州大学", "厦门大学", "集美大学", "仰恩大学", "闽南理工学院");

    private final SplittableRandom random;
    private final SyntheticPeople people;

    SyntheticSchools(SplittableRandom random, SyntheticPeople people) {
        this.random = random;
        this.people = people;
    }

    /** The roll entry of the person, or null; guardians are mobiles of adults of the household village. */
    ExtractFiles.Student student(SyntheticPerson p, List<String> guardians) {
        if (p.diedOn != null || p.age < 3 || p.age > 22) {
            return null;
        }
        double share = p.age <= 5 ? 0.60 : p.age <= 17 ? 0.95 : 0.40;
        if (random.nextDouble() >= share) {
            return null;
        }
        CountyMap.Village near = p.residence == null ? p.household : p.residence;
        String township = near.township().name();
        String town = township.substring(0, township.length() - 1);
        String stage;
        String school;
        if (p.age <= 5) {
            stage = "PRESCHOOL";
            school = near.shortName() + "幼儿园";
        } else if (p.age <= 11) {
            stage = "PRIMARY";
            school = random.nextBoolean() ? town + "中心小学" : near.shortName() + "小学";
        } else if (p.age <= 14) {
            stage = "JUNIOR";
            school = town + "中学";
        } else if (p.age <= 17) {
            boolean vocational = random.nextInt(10) < 4;
            stage = vocational ? "VOCATIONAL" : "SENIOR";
            school = any(vocational ? VOCATIONAL_SCHOOLS : SENIOR);
        } else {
            boolean vocational = random.nextInt(100) < 35;
            stage = vocational ? "VOCATIONAL" : "HIGHER";
            school = any(vocational ? VOCATIONAL_COLLEGES : HIGHER);
        }
        return new ExtractFiles.Student(school, stage, guardian(p, guardians));
    }

    private String guardian(SyntheticPerson p, List<String> guardians) {
        if (random.nextDouble() >= (p.age < 18 ? 0.9 : 0.4)) {
            return null;
        }
        return guardians.isEmpty() ? people.mobile() : any(guardians);
    }

    private String any(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
