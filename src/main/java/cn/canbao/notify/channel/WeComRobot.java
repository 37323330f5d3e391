package cn.canbao.notify.channel;

import cn.canbao.notify.NotifySettings;
import java.util.List;
import java.util.Map;

/**
 * WeCom (企业微信) group robot: {@code POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…} with a text message
 * that mentions the user by their phone ({@code mentioned_mobile_list}); the key in the address is the robot's secret.
 */
public class WeComRobot implements StaffChannel {

    private final NotifySettings settings;
    private final RobotPost post;

    public WeComRobot(NotifySettings settings) {
        this.settings = settings;
        this.post = new RobotPost(settings.timeout());
    }

    @Override
    public String name() {
        return NotifySettings.RobotKind.WECOM.name();
    }

    @Override
    public Delivery send(Outgoing notice) {
        NotifySettings.Robot robot = settings.robots().get(notice.robot());
        if (robot == null || robot.kind() != NotifySettings.RobotKind.WECOM || robot.url() == null) {
            return Delivery.failed("no WeCom robot for " + notice.robot());
        }
        return post.post(robot.url(), body(notice));
    }

    static String body(Outgoing notice) {
        Map<String, Object> text = notice.phone() == null
                ? Map.of("content", notice.text())
                : Map.of("content", notice.text(), "mentioned_mobile_list", List.of(notice.phone()));
        return RobotPost.json(Map.of("msgtype", "text", "text", text));
    }
}
