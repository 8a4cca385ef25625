// config_defaults: loads the service configuration: built-in defaults, overridden by an
// optional config.json in the working directory, overridden by APP_* environment variables;
// then validates it.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
)

type config struct {
	Listen   string `json:"listen"`
	Workers  int    `json:"workers"`
	LogLevel string `json:"log_level"`
}

func load(path string) (config, error) {
	cfg := config{Listen: ":8080", Workers: 4, LogLevel: "info"}

	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// no file: keep the defaults
	case err != nil:
		return cfg, fmt.Errorf("reading %s: %w", path, err)
	default:
		if err := json.Unmarshal(data, &cfg); err != nil {
			return cfg, fmt.Errorf("parsing %s: %w", path, err)
		}
	}

	if v, ok := os.LookupEnv("APP_LISTEN"); ok {
		cfg.Listen = v
	}
	if v, ok := os.LookupEnv("APP_WORKERS"); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return cfg, fmt.Errorf("APP_WORKERS: %w", err)
		}
		cfg.Workers = n
	}
	if v := os.Getenv("APP_LOG_LEVEL"); v != "" {
		cfg.LogLevel = v
	}
	return cfg, nil
}

func validate(c config) error {
	if c.Workers < 1 || c.Workers > 64 {
		return fmt.Errorf("workers out of range: %d", c.Workers)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("unknown log level %q", c.LogLevel)
	}
	return nil
}

func main() {
	cfg, err := load("config.json")
	if err != nil {
		fmt.Println("config:", err)
		os.Exit(1)
	}
	if err := validate(cfg); err != nil {
		fmt.Println("invalid config:", err)
		os.Exit(1)
	}
	fmt.Printf("listen=%s workers=%d log=%s\n", cfg.Listen, cfg.Workers, cfg.LogLevel)
	fmt.Println("RESULT OK")
}
