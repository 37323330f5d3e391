/** The SMS providers behind one interface: Twilio, Aliyun and a local gateway for development and tests. */
package cn.canbao.sms.gateway;
