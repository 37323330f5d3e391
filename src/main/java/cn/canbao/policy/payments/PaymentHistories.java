package cn.canbao.policy.payments;

import cn.canbao.campaign.CampaignService;
import cn.canbao.register.RegisterHistories;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Persons' enrollment and payment histories, for any number of persons in one call to the register (the
 * outreach batches ask for thousands at once), and the collection periods of the counties' campaigns, from
 * the campaign module. Both answer within the caller's region.
 */
@Component
public class PaymentHistories {

    private final RegisterHistories register;
    private final CampaignService campaigns;

    PaymentHistories(RegisterHistories register, CampaignService campaigns) {
        this.register = register;
        this.campaigns = campaigns;
    }

    /** The histories of the persons found, by ID number; unknown numbers are absent. */
    public Map<String, PaymentHistory> read(Collection<String> idNumbers) {
        Map<String, PaymentHistory> histories = new LinkedHashMap<>();
        register.histories(idNumbers).forEach((id, h) -> histories.put(id, PaymentHistory.of(id, h)));
        return histories;
    }

    /** County (6-digit prefix) → the enrollment year whose collection period includes the day. */
    public Map<String, Integer> collectingYears(LocalDate day) {
        return campaigns.collectingYears(day);
    }
}
