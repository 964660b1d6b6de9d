module sfsbroker.test/healthcheck

go 1.21
