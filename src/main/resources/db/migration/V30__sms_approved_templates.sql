-- Issue 16, "SMS provider fit for China". A domestic provider (Alibaba Cloud SMS) sends only templates it approved,
-- filled with named parameters: the outbox keeps, beside the text the resident will read, the template code and
-- the parameters (JSON) it was rendered with, so a retry or a resend after a crash sends exactly that message.
-- Null for the local and Twilio gateways, which send the text itself.
alter table sms_message add column provider_template varchar(64);
alter table sms_message add column template_params text;

-- "Texts carry no names or ID numbers" (issue 16): the {name} variable is gone; counties' texts that used it
-- greet without it (the default texts read 您好 alone). The template editor now refuses it.
update sms_template set body = replace(replace(body, '{name}您好', '您好'), '{name}', '') where body like '%{name}%';
