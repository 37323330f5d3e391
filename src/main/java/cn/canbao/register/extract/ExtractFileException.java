package cn.canbao.register.extract;

import cn.canbao.base.DomainException;

/** A file that cannot be read as a whole (empty, no header, not CSV/XLSX, corrupt XLSX): message key + args. */
public class ExtractFileException extends DomainException {

    static final String UNREADABLE = "extract.file.unreadable";
    static final String NO_HEADER = "extract.file.noHeader";

    public ExtractFileException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    /** The file is not a CSV or XLSX we can read; the cause goes to the log, not to the user. */
    static ExtractFileException unreadable(String fileName, Throwable cause) {
        ExtractFileException e = new ExtractFileException(UNREADABLE, fileName);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    static ExtractFileException noHeader(String fileName) {
        return new ExtractFileException(NO_HEADER, fileName);
    }
}
