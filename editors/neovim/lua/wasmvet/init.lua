-- wasmvet for Neovim: starts `wasmvet server` for Go buffers, beside gopls.
--   require("wasmvet").setup({ targets = { "go-js", "go-wasip1" } })
-- Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable (on top of lsp/wasmvet.lua beside this
-- folder); 0.7 to 0.10 start a client per root from a FileType autocmd. :WasmvetExplain shows
-- the rule under the cursor.
local M = {}

local NAME = "wasmvet"
local INSTALL = "pipx install git+https://github.com/wasmvet/wasmvet"

M.defaults = {
  cmd = nil, -- default: { "wasmvet", "server" } if wasmvet is on PATH, else { python, "-m", "wasmvet", "server" }
  python = "python3", -- the interpreter for `python -m wasmvet` when wasmvet is not on PATH
  targets = nil, -- e.g. { "go-js", "go-wasip1" }; nil: wasmvet.toml's, else inferred from the code
  go_version = nil, -- e.g. "1.24"; nil: the go line of go.mod
  tinygo_version = nil, -- e.g. "0.34"
  build_tags = nil, -- as `go build -tags`, e.g. { "integration" }; nil: wasmvet.toml's, else $GOFLAGS
  select = nil, -- rule codes or prefixes, e.g. { "WV1" }
  ignore = nil, -- e.g. { "WV309" }
  host = nil, -- where go-js code runs: "browser", "node" or "any"; nil: wasmvet.toml's, else inferred
  filetypes = { "go" },
  root_markers = { "go.mod", "go.work", ".git" },
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(M.defaults)
local clients = {} -- root directory -> client id (Neovim 0.7 to 0.10)
local warned = false

--- The server's settings (initializationOptions and the `wasmvet` section), nils left out.
function M.settings(config)
  config = config or M.config
  local function codes(list)
    return list and vim.tbl_map(string.upper, type(list) == "string" and { list } or list)
  end
  local settings = vim.empty_dict() -- encodes as {} when nothing is set
  settings.targets = config.targets
  settings.goVersion = config.go_version or config.goVersion
  settings.tinygoVersion = config.tinygo_version or config.tinygoVersion
  settings.buildTags = config.build_tags or config.buildTags
  settings.select = codes(config.select)
  settings.ignore = codes(config.ignore)
  settings.host = config.host
  return settings
end

--- The command that runs `wasmvet <subcommand>`: the configured cmd minus its last word, or
--- wasmvet on PATH, or python -m wasmvet.
function M.command(subcommand)
  local cmd = M.config.cmd
  if cmd ~= nil then
    cmd = vim.deepcopy(cmd)
    if cmd[#cmd] == "server" then
      table.remove(cmd)
    end
  elseif vim.fn.executable("wasmvet") == 1 then
    cmd = { "wasmvet" }
  else
    cmd = { M.config.python, "-m", "wasmvet" }
  end
  table.insert(cmd, subcommand)
  return cmd
end

local function warn_once(message)
  if not warned then
    warned = true
    vim.notify("wasmvet: " .. message .. "; install the server: " .. INSTALL, vim.log.levels.WARN)
  end
end

local function executable(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  warn_once(cmd[1] .. " is not executable")
  return false
end

local function on_exit(code)
  if code ~= 0 then
    vim.schedule(function()
      warn_once(("`%s` exited with code %d"):format(table.concat(M.command("server"), " "), code))
    end)
  end
end

--- The nearest directory above `path` that holds one of the root markers, else its folder.
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local start = dir
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function client_config(root)
  local settings = M.settings()
  return {
    name = NAME,
    cmd = M.command("server"),
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    init_options = settings,
    settings = { wasmvet = settings },
    on_attach = M.config.on_attach,
    on_exit = on_exit,
    capabilities = M.config.capabilities,
  }
end

--- Attach wasmvet to a buffer, starting a client for its root when none runs (0.7 to 0.10).
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" or vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local root = M.root_dir(path)
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if client == nil or client.is_stopped() then
    local config = client_config(root)
    if not executable(config.cmd) then
      return nil
    end
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id ~= nil then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function is_go(bufnr)
  return vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype)
end

--- The code of the wasmvet diagnostic under the cursor, else the first on the cursor's line.
function M.rule_under_cursor()
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local first
  for _, d in ipairs(vim.diagnostic.get(0, { lnum = row - 1 })) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if d.source == NAME and type(code) == "string" then
      local end_col = (d.end_lnum or d.lnum) > d.lnum and math.huge or (d.end_col or d.col)
      if d.col <= col and col <= end_col then
        return code
      end
      first = first or code
    end
  end
  return first
end

--- :WasmvetExplain [CODE]: `wasmvet explain CODE` in a read-only Markdown split.
function M.explain(code)
  code = code or M.rule_under_cursor()
  if code == nil then
    vim.notify("wasmvet: no wasmvet diagnostic at the cursor (:WasmvetExplain WV101 names a rule)", vim.log.levels.WARN)
    return nil
  end
  local output = vim.fn.system(vim.list_extend(M.command("explain"), { code }))
  if vim.v.shell_error ~= 0 then
    vim.notify("wasmvet: " .. vim.trim(output), vim.log.levels.ERROR)
    return nil
  end
  vim.cmd("botright new")
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(output, "\n", { trimempty = true }))
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "markdown"
  pcall(vim.api.nvim_buf_set_name, buf, "wasmvet://" .. code)
  return buf
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  vim.api.nvim_create_user_command("WasmvetExplain", function(args)
    M.explain(args.args ~= "" and args.args:upper() or nil)
  end, { nargs = "?", desc = "Explain the wasmvet rule under the cursor" })

  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then -- Neovim 0.11+
    local config = client_config(nil)
    if not executable(config.cmd) then
      return
    end
    config.name, config.root_dir, config.workspace_folders = nil, nil, nil
    config.filetypes = M.config.filetypes
    config.root_markers = M.config.root_markers
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
    return
  end

  local group = vim.api.nvim_create_augroup("wasmvet", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do -- buffers opened before setup
    if vim.api.nvim_buf_is_loaded(bufnr) and is_go(bufnr) then
      M.attach(bufnr)
    end
  end
end

return M
