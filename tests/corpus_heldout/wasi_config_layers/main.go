// wasi_config_layers: resolve a tool's configuration from three layers: built-in
// defaults, an optional config file in the user's config directory, and APP_*
// environment variables, then print the effective settings and where each came from.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type setting struct {
	value  string
	source string
}

var defaults = map[string]string{"workers": "4", "log_level": "info", "endpoint": "https://api.example.com"}

func fromFile(cfg map[string]setting) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return // no config directory on this system: defaults and environment only
	}
	path := filepath.Join(dir, "exampletool", "config.ini")
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			cfg[strings.TrimSpace(k)] = setting{strings.TrimSpace(v), path}
		}
	}
}

func fromEnv(cfg map[string]setting) {
	for key := range defaults {
		if v, ok := os.LookupEnv("APP_" + strings.ToUpper(key)); ok && v != "" {
			cfg[key] = setting{v, "env APP_" + strings.ToUpper(key)}
		}
	}
}

func main() {
	cfg := map[string]setting{}
	for k, v := range defaults {
		cfg[k] = setting{v, "default"}
	}
	fromFile(cfg)
	fromEnv(cfg)

	for _, k := range []string{"endpoint", "log_level", "workers"} {
		fmt.Printf("%-10s = %-26s (%s)\n", k, cfg[k].value, cfg[k].source)
	}
	workers, err := strconv.Atoi(cfg["workers"].value)
	if err != nil || workers < 1 {
		fmt.Println("invalid workers:", cfg["workers"].value)
		os.Exit(2)
	}
	if cfg["endpoint"].value != "" && cfg["log_level"].value != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
