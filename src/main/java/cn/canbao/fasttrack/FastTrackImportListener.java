package cn.canbao.fasttrack;

import cn.canbao.register.ImportFinished;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An import committed: births start newborn tracks, a hardship list starts hardship tracks, and any
 * import that may enroll (insurance status, tax payments) ends the tracks it enrolled. Last among the
 * import's listeners, so the baseline and the campaign starter have seen the import first.
 */
@Component
class FastTrackImportListener {

    private final FastTrackService tracks;

    FastTrackImportListener(FastTrackService tracks) {
        this.tracks = tracks;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void afterImport(ImportFinished finished) {
        switch (finished.kind()) {
            case POLICE_HOUSEHOLD -> tracks.startNewbornTracks(finished.importId());
            case BIRTH_CERTIFICATE -> tracks.startCertificateTracks(finished.importId());
            case HARDSHIP -> tracks.startHardshipTracks(finished.importId());
            case INSURANCE_STATUS, TAX_PAYMENT -> tracks.endEnrolledTracks();
            default -> {}
        }
    }
}
