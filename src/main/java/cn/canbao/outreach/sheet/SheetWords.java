package cn.canbao.outreach.sheet;

/**
 * The words of a sheet in its reader's language: the view passes its own {@code getTranslation} (named alike, so the
 * message-key guard sees the keys the sheet uses).
 */
@FunctionalInterface
public interface SheetWords {

    String getTranslation(String key, Object... args);
}
