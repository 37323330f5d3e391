package cn.canbao.fasttrack;

import cn.canbao.base.DomainException;

/** A refusal of a fast track: a form value that cannot be recorded, a track that ended meanwhile. */
public class FastTrackException extends DomainException {

    public FastTrackException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
