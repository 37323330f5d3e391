package cn.canbao.notify.web;

import cn.canbao.notify.NoticeChannel;
import cn.canbao.notify.NotifyPreferences;
import cn.canbao.notify.NotifyPreferences.Preference;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notice settings, with the rules of the service (the door): {@code GET} / {@code PUT /api/notify/preferences/me} the
 * caller's own channel, opt-out and quiet hours ({@code {"channel": "SMS", "optedOut": false, "quietStart": "22:00",
 * "quietEnd": "07:30"}}) — there is no address for anybody else's; {@code GET} / {@code PUT
 * /api/notify/regions/{code}/channel} a region's channel ({@code {"channel": "GROUP"}}; DEFAULT clears it), for an
 * admin, county or township leader at or above the region. Refusals are problem+json (403).
 */
@RestController
class NotifyController {

    private final NotifyPreferences preferences;

    NotifyController(NotifyPreferences preferences) {
        this.preferences = preferences;
    }

    record RegionChannel(NoticeChannel channel) {}

    @GetMapping("/api/notify/preferences/me")
    Preference mine() {
        return preferences.mine();
    }

    @PutMapping("/api/notify/preferences/me")
    Preference setMine(@RequestBody Preference preference) {
        return preferences.setMine(preference);
    }

    @GetMapping("/api/notify/regions/{code}/channel")
    Map<String, Object> regionChannel(@PathVariable String code) {
        return Map.of(
                "channel", preferences.regionChannel(code).orElse(NoticeChannel.DEFAULT),
                "robot", preferences.hasRobot(code));
    }

    @PutMapping("/api/notify/regions/{code}/channel")
    RegionChannel setRegionChannel(@PathVariable String code, @RequestBody RegionChannel channel) {
        preferences.setRegionChannel(code, channel.channel());
        return new RegionChannel(preferences.regionChannel(code).orElse(NoticeChannel.DEFAULT));
    }
}
