package cn.canbao.outreach;

import cn.canbao.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An outreach test: residents imported into the register, a campaign in implementation, outreach started for it, and
 * the cases and visits it records.
 */
abstract class OutreachTestBase extends ProcessTestBase {

    @Autowired
    protected OutreachCampaigns outreachCampaigns;

    @Autowired
    protected OutreachStarter starter;

    @Autowired
    protected OutreachQueries queries;

    @Autowired
    protected OutreachService outreach;
}
