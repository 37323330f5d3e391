package cn.canbao.campaign;

import cn.canbao.base.DomainException;

/** A campaign request refused, with a message key of the i18n bundle. */
public class CampaignException extends DomainException {

    public CampaignException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    static CampaignException notFound(long id) {
        return new CampaignException("campaign.notFound", id);
    }
}
