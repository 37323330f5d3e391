package cn.canbao.register.extract;

import java.util.List;

/** Receives an extract as it is read: the header once, then each non-blank data row in file order. */
public interface ExtractHandler {

    void header(List<String> names);

    void row(ExtractRow row);
}
