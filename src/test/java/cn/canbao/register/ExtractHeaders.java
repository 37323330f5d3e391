package cn.canbao.register;

/**
 * The header rows of the extract files the tests import (each ends with its line break), one constant per column
 * set: the registers send files of the same kind with more or fewer columns, and the importer matches them by name.
 */
public final class ExtractHeaders {

    public static final String POLICE_BASIC = "身份证号,姓名,变动类型,变动日期,户籍地区划\n";
    public static final String POLICE_WITH_RESIDENCE = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划\n";
    public static final String POLICE_WITH_GRID = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码\n";
    public static final String POLICE_WITH_MOBILE = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,手机号\n";
    public static final String POLICE_WITH_ADDRESS = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址\n";
    /** Every column a police household row of a resident can carry, the mother's ID number included. */
    public static final String POLICE_FULL = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号,母亲身份证号\n";
    /** {@link #POLICE_FULL} and the household book: 户号 and 与户主关系. */
    public static final String POLICE_FULL_WITH_HOUSEHOLD =
            "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号,母亲身份证号,户号,与户主关系\n";

    public static final String INSURANCE = "身份证号,姓名,参保年度,险种,参保地\n";
    public static final String INSURANCE_WITH_REGION = "身份证号,姓名,参保年度,险种,参保地,参保地区划\n";
    public static final String INSURANCE_PAID = "身份证号,姓名,参保年度,险种,参保地,参保地区划,缴费日期,缴费金额\n";
    public static final String TAX_PAYMENT = "身份证号,姓名,缴费年度,险种,缴费日期,缴费金额,票据号\n";
    public static final String HARDSHIP = "身份证号,姓名,类别,认定日期,退出日期\n";
    public static final String HARDSHIP_WITHOUT_EXIT = "身份证号,姓名,类别,认定日期\n";
    public static final String STUDENT = "身份证号,姓名,学校,学段,学年,监护人手机\n";
    public static final String DETENTION = "身份证号,姓名,羁押类型,起始日期,释放日期,监所名称\n";

    private ExtractHeaders() {}
}
