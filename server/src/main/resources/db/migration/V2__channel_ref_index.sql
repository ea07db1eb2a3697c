-- Kenya's queryResultByCode finds a merchant's trade by the rail's receipt code.
CREATE INDEX trade_channel_ref ON trade (merchant_id, channel_ref) WHERE channel_ref IS NOT NULL;
