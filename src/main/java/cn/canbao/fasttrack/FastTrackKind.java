package cn.canbao.fasttrack;

import cn.canbao.fasttrack.process.HardshipEnrolmentProcess;
import cn.canbao.fasttrack.process.NewbornEnrolmentProcess;
import cn.canbao.register.person.PersonGroup;

/** The two fast tracks, each for one group of the register (fast_track.kind). */
public enum FastTrackKind {
    NEWBORN(NewbornEnrolmentProcess.KEY, NewbornEnrolmentProcess.MESSAGE_ENROLLED),
    HARDSHIP(HardshipEnrolmentProcess.KEY, HardshipEnrolmentProcess.MESSAGE_ENROLLED);

    private final String processKey;
    private final String enrolledMessage;

    FastTrackKind(String processKey, String enrolledMessage) {
        this.processKey = processKey;
        this.enrolledMessage = enrolledMessage;
    }

    public String processKey() {
        return processKey;
    }

    /** The message an extract's enrollment sends the waiting process. */
    public String enrolledMessage() {
        return enrolledMessage;
    }

    public PersonGroup group() {
        return PersonGroup.valueOf(name());
    }
}
