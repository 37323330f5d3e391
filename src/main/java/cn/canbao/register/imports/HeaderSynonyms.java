package cn.canbao.register.imports;

import java.util.List;
import java.util.Map;

/**
 * The names departments give the same column (issue 17: "maps columns automatically by known synonyms … collect the
 * usual variants"): by the layout's Chinese name, the headers seen in police, insurance, civil affairs, education and
 * tax extracts and in the national standards' data element names (e.g. GB/T 2261 公民身份号码). Matching ignores
 * spaces, case, '*' marks and a bracketed note such as （必填） or (18位) — see {@link HeaderMatcher#normalise}.
 */
final class HeaderSynonyms {

    static final Map<String, List<String>> BY_COLUMN = Map.ofEntries(
            Map.entry(
                    "身份证号",
                    List.of(
                            "公民身份号码", "身份证号码", "身份证", "证件号码", "身份证件号码", "身份号码", "社会保障号码", "社会保障卡号", "个人身份证号", "居民身份证号",
                            "公民身份证号", "sfzh", "zjhm", "idno", "id_no", "idcard")),
            Map.entry("姓名", List.of("名字", "人员姓名", "参保人姓名", "居民姓名", "学生姓名", "户主姓名", "xm")),
            Map.entry("变动类型", List.of("变动原因", "业务类型", "变更类型", "变动事项")),
            Map.entry("变动日期", List.of("变动时间", "业务日期", "变更日期", "办理日期")),
            Map.entry(
                    "户籍地区划",
                    List.of("户籍地区划代码", "户籍地区划编码", "户籍地行政区划", "户籍地行政区划代码", "户籍所在地区划", "户籍区划", "户籍区划代码", "户籍地区码")),
            Map.entry("常住地区划", List.of("常住地区划代码", "常住地行政区划", "居住地区划", "居住地区划代码", "现居住地区划", "现住地区划", "常住区划")),
            Map.entry("居住地区划", List.of("居住地区划代码", "常住地区划", "现居住地区划", "现住地区划")),
            Map.entry("网格编码", List.of("网格代码", "网格编号", "所属网格编码", "网格")),
            Map.entry("住址", List.of("地址", "居住地址", "现住址", "家庭住址", "详细地址", "户籍地址")),
            Map.entry("手机号", List.of("手机号码", "联系电话", "联系手机", "移动电话", "电话号码", "手机", "联系方式", "sjhm")),
            Map.entry("母亲身份证号", List.of("母亲公民身份号码", "母亲身份证号码", "母亲证件号码")),
            Map.entry("父亲身份证号", List.of("父亲公民身份号码", "父亲身份证号码", "父亲证件号码")),
            Map.entry("户号", List.of("户编号", "户口号", "户口簿编号")),
            Map.entry("与户主关系", List.of("家庭关系", "与户主关系代码", "户主关系", "关系")),
            Map.entry("出生医学证明编号", List.of("出生证编号", "出生医学证明号", "出生证明编号")),
            Map.entry("迁出地区划", List.of("迁出地区划代码", "迁出地行政区划", "迁出地")),
            Map.entry("性别", List.of("性别代码", "xb")),
            Map.entry("出生日期", List.of("出生年月日", "生日", "csrq")),
            Map.entry("参保年度", List.of("年度", "参保年份", "缴费年度")),
            Map.entry("缴费年度", List.of("年度", "所属年度", "征收年度", "费款所属期")),
            Map.entry("险种", List.of("险种类型", "参保险种", "险种名称")),
            Map.entry("参保地", List.of("参保地点", "参保所在地")),
            Map.entry("参保地区划", List.of("参保地区划代码", "参保地行政区划")),
            Map.entry("缴费日期", List.of("缴款日期", "入库日期", "缴费时间", "征收日期")),
            Map.entry("缴费金额", List.of("金额", "缴款金额", "个人缴费金额", "实缴金额")),
            Map.entry("票据号", List.of("票据号码", "电子税票号码", "缴费凭证号", "凭证号")),
            Map.entry("类别", List.of("困难类别", "人员类别", "救助类别", "对象类别")),
            Map.entry("认定日期", List.of("认定时间", "纳入日期", "审批日期")),
            Map.entry("退出日期", List.of("退出时间", "终止日期")),
            Map.entry("学校", List.of("学校名称", "就读学校")),
            Map.entry("学段", List.of("学习阶段", "学制")),
            Map.entry("学年", List.of("学年度")),
            Map.entry("监护人手机", List.of("监护人手机号", "监护人电话", "监护人联系电话", "家长手机", "家长电话")),
            Map.entry("单位名称", List.of("参保单位", "工作单位")),
            Map.entry("中止参保日期", List.of("中止日期", "停保日期")),
            Map.entry("恢复参保日期", List.of("恢复日期", "续保日期")),
            Map.entry("监所名称", List.of("羁押场所", "监所")),
            Map.entry("羁押类型", List.of("羁押种类")),
            Map.entry("起始日期", List.of("开始日期", "羁押日期", "入所日期")),
            Map.entry("释放日期", List.of("出所日期", "解除日期")),
            Map.entry("退出现役日期", List.of("退役日期", "退出现役时间")),
            Map.entry("随军未就业配偶身份证号", List.of("配偶身份证号", "随军配偶身份证号")));

    private HeaderSynonyms() {}

    static List<String> of(String chinese) {
        return BY_COLUMN.getOrDefault(chinese, List.of());
    }
}
