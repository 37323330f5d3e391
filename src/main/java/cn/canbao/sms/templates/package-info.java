/** SMS texts: templates, their placeholders (no personal data) and the provider-approved template list. */
package cn.canbao.sms.templates;
