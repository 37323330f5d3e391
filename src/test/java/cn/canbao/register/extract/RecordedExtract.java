package cn.canbao.register.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a read delivered: the format, the header (asserted to come once) and the rows in order. */
record RecordedExtract(ExtractFormat format, List<String> header, List<ExtractRow> rows) {

    static RecordedExtract read(Path file) throws IOException {
        List<List<String>> headers = new ArrayList<>();
        List<ExtractRow> rows = new ArrayList<>();
        ExtractFormat format = ExtractReader.read(file, new ExtractHandler() {
            @Override
            public void header(List<String> names) {
                if (!rows.isEmpty()) {
                    throw new AssertionError("header after rows");
                }
                headers.add(names);
            }

            @Override
            public void row(ExtractRow row) {
                rows.add(row);
            }
        });
        if (headers.size() != 1) {
            throw new AssertionError("header called " + headers.size() + " times");
        }
        return new RecordedExtract(format, headers.get(0), rows);
    }

    List<Long> numbers() {
        return rows.stream().map(ExtractRow::number).toList();
    }

    List<List<String>> cells() {
        return rows.stream().map(ExtractRow::cells).toList();
    }
}
