package cn.canbao.sms.gateway;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The development and demo gateway: "sends" by recording the message in sms_local_gateway, keyed by the
 * idempotency key, as a provider would keep it. A second send with the same key returns the first one,
 * which is how a real provider with idempotency keys behaves; {@link #find} looks the key up.
 */
public class LocalGateway implements SmsGateway {

    private final JdbcTemplate jdbc;

    public LocalGateway(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Outcome send(Outgoing message) {
        jdbc.update(
                "insert into sms_local_gateway (idempotency_key, sid, to_number, body) values (?, ?, ?, ?) "
                        + "on conflict (idempotency_key) do nothing",
                message.idempotencyKey(),
                "LOCAL-" + message.messageId(),
                message.to(),
                message.body());
        return find(message).<Outcome>map(a -> a).orElseGet(() -> new Unknown(null, "not recorded"));
    }

    @Override
    public Optional<Accepted> find(Outgoing message) {
        List<String> sid = jdbc.queryForList(
                "select sid from sms_local_gateway where idempotency_key = ?", String.class, message.idempotencyKey());
        return sid.stream().findFirst().map(s -> new Accepted(s, "sent"));
    }

    @Override
    public String name() {
        return "local";
    }
}
