package cn.canbao.register.imports;

import cn.canbao.register.RegisterException;

/**
 * The rejected rows (and uploaded file) of an import were deleted under the retention period; its counts
 * remain. Over REST: 410 Gone.
 */
public class ImportPurgedException extends RegisterException {

    public ImportPurgedException(long importId) {
        super("register.rejects.purged", importId);
    }
}
