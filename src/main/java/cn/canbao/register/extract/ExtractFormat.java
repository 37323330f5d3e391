package cn.canbao.register.extract;

/** What an extract turned out to be, told by its content rather than its name. */
public enum ExtractFormat {
    CSV_UTF8,
    CSV_GBK,
    XLSX
}
