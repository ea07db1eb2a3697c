-- logs (issue 17): the request id of each callback attempt (sent to the merchant as X-Request-Id), and of the
-- request that queued a notification (the one that finished the trade, or an operator's resend; null when a
-- worker such as the reconciler or the simulator's auto-complete finished it).
ALTER TABLE notify_attempt ADD COLUMN request_id varchar(64);
ALTER TABLE notification ADD COLUMN request_id varchar(64);
