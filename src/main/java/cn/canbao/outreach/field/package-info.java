/**
 * The field page's side of outreach (issue 20): a grid worker's open visits as the phone keeps them offline, visit
 * forms submitted once whatever the network did, and the photo of a receipt or notice the clerk sees when verifying.
 */
package cn.canbao.outreach.field;
