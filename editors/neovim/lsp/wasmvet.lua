---@brief
---
--- https://github.com/wasmvet/wasmvet
---
--- wasmvet finds Go code that compiles for WebAssembly (js/wasm, wasip1, TinyGo) but hangs,
--- deadlocks or fails there. It runs beside gopls.
---
--- Install the server with `pipx install git+https://github.com/wasmvet/wasmvet`.
---
--- Settings are optional, in `init_options` or `settings = { wasmvet = { ... } }`: `targets`
--- (e.g. `{ 'go-js', 'go-wasip1' }`), `goVersion`, `tinygoVersion`, `select`, `ignore`.
--- Without them wasmvet reads `wasmvet.toml`, else infers the targets from the code.
---
--- ```lua
--- vim.lsp.config('wasmvet', { init_options = { targets = { 'go-js' } } })
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'wasmvet', 'server' },
  filetypes = { 'go' },
  root_markers = { 'go.work', 'go.mod', '.git' },
}
