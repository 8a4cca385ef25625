-- Neovim 0.11's vim.lsp.config/vim.lsp.enable do not exist in Debian's 0.7: record what
-- setup{} passes to them and write it to $WASMVET_NVIM_OUT (functions as "<function>").
vim.opt.runtimepath = { os.getenv("WASMVET_PLUGIN"), vim.env.VIMRUNTIME }
local calls = {}
local function plain(value)
  if type(value) == "function" then
    return "<function>"
  elseif type(value) == "table" then
    local copy = {}
    for k, v in pairs(value) do
      copy[k] = plain(v)
    end
    return copy
  end
  return value
end
vim.lsp.config = function(name, config)
  table.insert(calls, { "config", name, plain(config) })
end
vim.lsp.enable = function(name)
  table.insert(calls, { "enable", name })
end
require("wasmvet").setup({ targets = { "go-js" }, go_version = "1.24", build_tags = { "integration" } })
local f = io.open(os.getenv("WASMVET_NVIM_OUT"), "w")
f:write(vim.fn.json_encode({ calls = calls, command = vim.fn.exists(":WasmvetExplain") }))
f:close()
vim.cmd("qa!")
