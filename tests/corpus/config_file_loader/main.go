// config_file_loader: load settings from ./app.json (creating it with defaults on
// first run), then apply APP_* environment overrides, twelve-factor style.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

type Config struct {
	Listen   string `json:"listen"`
	DataDir  string `json:"data_dir"`
	MaxConns int    `json:"max_conns"`
	Debug    bool   `json:"debug"`
}

var defaults = Config{Listen: "127.0.0.1:8080", DataDir: "data", MaxConns: 64}

func load(path string) (Config, bool, error) {
	cfg := defaults
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		out, _ := json.MarshalIndent(defaults, "", "  ")
		return cfg, true, os.WriteFile(path, append(out, '\n'), 0o644)
	}
	if err != nil {
		return cfg, false, err
	}
	return cfg, false, json.Unmarshal(data, &cfg)
}

func applyEnv(cfg *Config) {
	if v, ok := os.LookupEnv("APP_LISTEN"); ok {
		cfg.Listen = v
	}
	if v, err := strconv.Atoi(os.Getenv("APP_MAX_CONNS")); err == nil {
		cfg.MaxConns = v
	}
	cfg.Debug = cfg.Debug || os.Getenv("APP_DEBUG") == "1"
}

func main() {
	path := filepath.Join(".", "app.json")
	cfg, created, err := load(path)
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	fmt.Println("created default config:", created)

	// Edit the file as an operator would, then load again.
	cfg.MaxConns = 256
	out, _ := json.Marshal(cfg)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	os.Setenv("APP_LISTEN", "0.0.0.0:9000")
	cfg, created, err = load(path)
	applyEnv(&cfg)
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	fmt.Printf("%+v (created=%v)\n", cfg, created)
	if err == nil && !created && cfg.MaxConns == 256 && cfg.Listen == "0.0.0.0:9000" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
