// Command sfsb-health is the health check of the SFSBroker images: it has no shell to lean on,
// so it is one small static binary that every image carries.
//
// It reads what to check from the container's environment, because the ports shift with
// SFSB_PORT_OFFSET and a HEALTHCHECK in exec form cannot expand variables:
//
//	SFSB_HEALTH_URL  an https URL whose answer must be 200 and hold "status":"OK"
//	                 (Fabric's /healthz), verified against SFSB_HEALTH_CA (a PEM file)
//	SFSB_HEALTH_TCP  host:port[,host:port...], each of which must accept a TCP connection (a
//	                 chaincode server or Mosquitto itself; for a client such as the bridge or the
//	                 RP agent, the MQTT broker and the gateway peer it cannot work without)
//	SFSB_HEALTH_FILE a file that must have been modified within SFSB_HEALTH_MAX_AGE (default 60s)
//
// It exits 0 when healthy and 1 with a reason on stderr otherwise.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

const timeout = 3 * time.Second

func main() {
	if err := check(); err != nil {
		fmt.Fprintln(os.Stderr, "unhealthy:", err)
		os.Exit(1)
	}
}

func check() error {
	if url := os.Getenv("SFSB_HEALTH_URL"); url != "" {
		return checkHTTPS(url, os.Getenv("SFSB_HEALTH_CA"))
	}
	if addresses := os.Getenv("SFSB_HEALTH_TCP"); addresses != "" {
		for _, address := range strings.Split(addresses, ",") {
			connection, err := net.DialTimeout("tcp", strings.TrimSpace(address), timeout)
			if err != nil {
				return err
			}
			connection.Close()
		}
		return nil
	}
	if file := os.Getenv("SFSB_HEALTH_FILE"); file != "" {
		return checkFresh(file, os.Getenv("SFSB_HEALTH_MAX_AGE"))
	}
	return errors.New("set SFSB_HEALTH_URL, SFSB_HEALTH_TCP or SFSB_HEALTH_FILE")
}

func checkHTTPS(url, caFile string) error {
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("%s holds no PEM certificate", caFile)
		}
		config.RootCAs = pool
	}
	client := &http.Client{Timeout: timeout, Transport: &http.Transport{TLSClientConfig: config}}
	response, err := client.Get(url)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(io.LimitReader(response.Body, 64*1024))
	if err != nil {
		return err
	}
	if response.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status":"OK"`) {
		return fmt.Errorf("%s answered %d: %s", url, response.StatusCode, strings.TrimSpace(string(body)))
	}
	return nil
}

func checkFresh(file, maxAge string) error {
	limit := 60 * time.Second
	if maxAge != "" {
		parsed, err := time.ParseDuration(maxAge)
		if err != nil {
			return fmt.Errorf("SFSB_HEALTH_MAX_AGE: %w", err)
		}
		limit = parsed
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	if age := time.Since(info.ModTime()); age > limit {
		return fmt.Errorf("%s was last written %s ago (limit %s)", file, age.Round(time.Second), limit)
	}
	return nil
}
