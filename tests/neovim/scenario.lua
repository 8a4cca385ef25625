-- Headless Neovim scenario (Neovim 0.7 API): start wasmvet for Go buffers, open a file,
-- wait for its diagnostic, apply the preferred quick fix, wait for the diagnostic to go.
-- Results go to $WASMVET_NVIM_OUT as JSON; the pytest test reads them.
local out = os.getenv("WASMVET_NVIM_OUT")
local python = os.getenv("WASMVET_PYTHON")
local result = { events = {} }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "go",
  callback = function(args)
    local client_id = vim.lsp.start_client({
      name = "wasmvet",
      cmd = { python, "-m", "wasmvet", "server" },
      root_dir = vim.fn.getcwd(),
      init_options = { targets = { "go-js" } },
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

vim.defer_fn(function()
  local ok, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
    table.insert(result.events, "diagnostics:" .. tostring(got))
    local diags = vim.diagnostic.get(buf)
    result.before = {}
    for _, d in ipairs(diags) do
      table.insert(result.before, { code = d.code, lnum = d.lnum, col = d.col, source = d.source })
    end
    if #diags == 0 then return end
    local d = diags[1]
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      range = {
        start = { line = d.lnum, character = d.col },
        ["end"] = { line = d.end_lnum, character = d.end_col },
      },
      context = { diagnostics = {} },
    }
    local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
    local applied = false
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do
        if action.isPreferred and action.edit and not applied then
          vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
          result.applied = action.title
          applied = true
        end
      end
    end
    local cleared = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 100)
    table.insert(result.events, "cleared:" .. tostring(cleared))
    result.after = #vim.diagnostic.get(buf)
    result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  end)
  if not ok then result.error = tostring(err) end
  finish()
end, 100)
