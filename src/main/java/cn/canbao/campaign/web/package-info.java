/** REST endpoints of the enrollment campaign; each calls the module's services, which check the caller. */
package cn.canbao.campaign.web;
